resource "aws_instance" "web" {
  ami           = "ami-123456"
  instance_type = "t3.micro"
  ami           = "ami-654321"
}
