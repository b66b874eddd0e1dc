FROM example/oracle-java8
RUN apt-get update && apt-get install -y ruby && gem install sass
