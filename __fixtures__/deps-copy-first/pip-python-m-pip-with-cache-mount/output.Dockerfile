FROM python:3.12-slim
WORKDIR /code
COPY requirements.txt /code/
RUN --mount=type=cache,target=/root/.cache/pip \
    python3 -m pip install -r requirements.txt
COPY . /code
CMD ["python", "app.py"]
