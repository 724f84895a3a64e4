resource "aws_vpc" "main" = {
  cidr_block = "10.0.0.0/16"
}

module "net"
{
  source = "./net"
}

terraform {
  required_version = ">= 1.0"
} extra = 1
