FROM golang:1.22
WORKDIR /src
COPY . .
RUN hg id -i > /version && go build -o /app .
CMD ["/app"]
