FROM eclipse-temurin:21-jdk
WORKDIR /app
COPY . .
RUN ./mvnw -B -q dependency:resolve dependency:resolve-plugins
RUN ./mvnw -B package
