# syntax=docker/dockerfile:1
FROM debian:bookworm
RUN <<EOF
#!/usr/bin/python3
import subprocess
subprocess.run("apt-get update && apt-get install -y make", shell=True, check=True)
EOF
