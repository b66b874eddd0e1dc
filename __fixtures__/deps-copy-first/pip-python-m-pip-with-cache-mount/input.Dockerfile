FROM python:3.12-slim
WORKDIR /code
COPY . /code
RUN --mount=type=cache,target=/root/.cache/pip \
    python3 -m pip install -r requirements.txt
CMD ["python", "app.py"]
