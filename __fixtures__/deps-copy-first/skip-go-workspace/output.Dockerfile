FROM golang:1.22
WORKDIR /src/app
COPY . /src
RUN go mod download
