FROM python:3.12-slim
WORKDIR /srv
# docker-codemod ignore=dockerignore
COPY . .
CMD ["python", "app.py"]
