FROM python:3.12-slim
COPY requirements.txt .
RUN pip install --user -r requirements.txt
COPY app.py /opt/app.py
CMD ["python", "/opt/app.py"]
