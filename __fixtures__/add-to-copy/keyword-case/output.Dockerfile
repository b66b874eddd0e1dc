from alpine:3.20
copy . /app
Copy run.sh /run.sh
