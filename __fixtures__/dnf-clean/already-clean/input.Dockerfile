FROM fedora:40
RUN dnf install -y make && dnf clean all
RUN yum install -y patch && rm -rf /var/cache/yum
RUN dnf install -y gcc; dnf clean all
