FROM python:3.12-slim
COPY api/requirements.txt /srv/api/
WORKDIR /srv/api
RUN pip install -r requirements.txt
COPY . /srv
CMD ["python", "main.py"]
