locals {
  script = <<-EOT
    %{ for name in var.names }
    echo ${name}
    %{ endif }
  EOT
  greeting = "Hello %{ if var.formal }Sir%{ else }friend"
}
