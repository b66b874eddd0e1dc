# syntax=docker/dockerfile:1
FROM python:3.12-slim
RUN python3 <<EOF
import subprocess
subprocess.run(["pip", "install", "flask"], check=True)
EOF
