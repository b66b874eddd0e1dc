from python:3.12-slim
copy . /app
workdir /app
run pip install -r requirements.txt
cmd ["python", "app.py"]
