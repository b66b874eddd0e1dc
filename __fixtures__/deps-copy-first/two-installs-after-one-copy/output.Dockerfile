FROM nikolaik/python-nodejs:python3.12-nodejs20
WORKDIR /app
COPY requirements.txt ./
RUN pip install -r requirements.txt
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build
