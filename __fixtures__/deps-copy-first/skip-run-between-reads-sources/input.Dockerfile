FROM python:3.12-slim
WORKDIR /app
COPY . .
RUN python manage.py collectstatic --noinput
RUN pip install -r requirements.txt
