FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y \
    curl `# for downloads` && \
    rm -rf /var/lib/apt/lists/*
