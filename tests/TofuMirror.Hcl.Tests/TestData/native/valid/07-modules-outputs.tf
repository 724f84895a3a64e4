module "database" {
  source  = "terraform-aws-modules/rds/aws"
  version = "6.5.2"

  identifier = "${local.name_prefix}-db"
  engine     = "postgres"
  password   = var.db_password

  subnet_ids = local.private_subnet_ids
  tags       = local.common_tags

  providers = {
    aws = aws.us_east_1
  }
}

module "buckets" {
  source   = "./modules/bucket"
  for_each = { for b in var.buckets : b.name => b if b.enabled }

  name       = each.key
  versioning = try(each.value.versioning, false)
}

output "instance_ips" {
  description = "Private IPs of the web instances."
  value       = { for i in aws_instance.web : i.id => i.private_ip }
}

output "bucket_arns" {
  value     = [for m in module.buckets : m.arn]
  sensitive = false
}

output "summary" {
  value = "${length(aws_instance.web)} instances in %{ if local.is_prod }production%{ else }${var.environment}%{ endif }"
}
