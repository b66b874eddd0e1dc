FROM centos:7
RUN yum -y install curl wget unzip \
iproute hostname which \
openssh-server
RUN ssh-keygen -A \
&& sed -ri "s/a/b/" /etc/ssh/sshd_config \
&& echo done
RUN mkdir -p /var/log/app \
	&& touch /var/log/app/log
