FROM python:3.12-slim
COPY backend/ /app
WORKDIR /app
RUN pip install -r requirements.txt
CMD ["python", "main.py"]
