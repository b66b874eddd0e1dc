FROM rockylinux:9
RUN dnf -y install python3 && dnf clean all
RUN groupadd --system app && \
    useradd --system --no-log-init --gid app --create-home app
COPY app.py /opt/app/app.py
USER app
CMD ["python3", "/opt/app/app.py"]
