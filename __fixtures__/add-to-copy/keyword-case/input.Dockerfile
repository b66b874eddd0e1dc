from alpine:3.20
add . /app
Add run.sh /run.sh
