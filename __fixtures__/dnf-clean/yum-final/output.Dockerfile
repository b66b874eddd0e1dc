FROM centos:7
RUN yum -y update && yum -y install make && yum clean all
RUN yum install -y patch && yum clean all
