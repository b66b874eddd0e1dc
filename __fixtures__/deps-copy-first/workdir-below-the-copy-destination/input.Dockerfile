FROM python:3.12-slim
COPY . /srv
WORKDIR /srv/api
RUN pip install -r requirements.txt
CMD ["python", "main.py"]
