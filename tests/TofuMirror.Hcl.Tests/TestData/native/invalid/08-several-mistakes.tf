locals {
  zones = ["a", "b" "c"]
  port  = 8080;
  tags  = { Name = "web" Owner = "ops" }
  ok    = true
}

output "x" {
  value = local.zones[0
}

output "y" {
  value = 'single quoted'
}
