FROM debian:bookworm-slim
RUN apt-get update && apt-get install --no-install-recommends -y \
    ca-certificates \
    curl `# for downloads` \
    git `# for the version control`
