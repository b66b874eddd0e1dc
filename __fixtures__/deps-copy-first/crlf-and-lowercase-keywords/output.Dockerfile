from python:3.12-slim
copy requirements.txt /app/
workdir /app
run pip install -r requirements.txt
copy . /app
cmd ["python", "app.py"]
