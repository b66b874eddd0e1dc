FROM nikolaik/python-nodejs:python3.12-nodejs20
WORKDIR /app
COPY . .
RUN pip install -r requirements.txt
RUN npm ci
RUN npm run build
