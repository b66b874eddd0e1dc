FROM ubuntu:24.04
SHELL ["/usr/bin/pwsh", "-Command"]
COPY app.ps1 /app.ps1
CMD ["pwsh", "/app.ps1"]
