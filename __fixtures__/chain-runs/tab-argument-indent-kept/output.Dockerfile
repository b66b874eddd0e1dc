FROM golang:1.22-alpine
RUN apk add --no-cache \
	git \
	make
RUN go install golang.org/x/lint/golint@latest && \
	go install honnef.co/go/tools/cmd/staticcheck@latest
