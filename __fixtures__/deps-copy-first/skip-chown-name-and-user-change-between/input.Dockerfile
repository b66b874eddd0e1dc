FROM python:3.12-slim
RUN useradd app
WORKDIR /app
COPY --chown=app . .
RUN usermod -u 2000 app
RUN pip install -r requirements.txt
