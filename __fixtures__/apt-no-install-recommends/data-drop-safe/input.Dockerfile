FROM debian:bookworm
RUN apt-get update && apt-get install -y ca-certificates git
RUN git clone https://example.com/app.git /src
