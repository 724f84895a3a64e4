resource "aws_db_instance" "main" {
  lifecycle { prevent_destroy = true, create_before_destroy = true }
  engine = "postgres"
}
