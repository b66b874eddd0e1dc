FROM python:3.12-slim
ARG APP_USER
COPY main.py /opt/main.py
USER ${APP_USER}
CMD ["python", "/opt/main.py"]
