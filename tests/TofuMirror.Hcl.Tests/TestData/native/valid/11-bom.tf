# File saved with a byte order mark.
variable "name" {
  type    = string
  default = "bom"
}
