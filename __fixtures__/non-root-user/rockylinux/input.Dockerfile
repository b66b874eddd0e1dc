FROM rockylinux:9
RUN dnf -y install python3 && dnf clean all
COPY app.py /opt/app/app.py
CMD ["python3", "/opt/app/app.py"]
