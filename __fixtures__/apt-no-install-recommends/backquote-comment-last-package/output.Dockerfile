FROM debian:bookworm-slim
RUN apt-get update && apt-get install --no-install-recommends -y \
    curl `# for downloads` \
    ca-certificates
