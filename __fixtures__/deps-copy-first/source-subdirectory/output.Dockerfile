FROM python:3.12-slim
COPY backend/requirements.txt /app/
WORKDIR /app
RUN pip install -r requirements.txt
COPY backend/ /app
CMD ["python", "main.py"]
