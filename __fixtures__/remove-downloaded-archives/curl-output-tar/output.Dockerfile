FROM debian:bookworm-slim
RUN curl -fsSL -o /tmp/go.tar.gz https://go.dev/dl/go1.22.0.linux-amd64.tar.gz && tar -C /usr/local -xzf /tmp/go.tar.gz && rm -f /tmp/go.tar.gz
RUN curl -fsSL --create-dirs -o /tmp/dl/helm.tgz https://get.helm.sh/helm-v3.14.0-linux-amd64.tar.gz \
    && tar -xzf /tmp/dl/helm.tgz -C /usr/local/bin --strip-components=1 linux-amd64/helm \
    && rm -f /tmp/dl/helm.tgz
