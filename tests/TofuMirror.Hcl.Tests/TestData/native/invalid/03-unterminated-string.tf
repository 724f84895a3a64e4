variable "name" {
  type    = string
  default = "web-server
}

variable "size" {
  default = 3
}
