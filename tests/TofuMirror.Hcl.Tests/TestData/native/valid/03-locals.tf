locals {
  name_prefix = "${var.project}-${var.environment}"
  is_prod     = var.environment == "prod"

  common_tags = merge(var.extra_tags, {
    Project     = var.project
    Environment = var.environment
    ManagedBy   = "terraform"
  })

  instance_type = local.is_prod ? "m6i.large" : "t3.micro"
  replicas      = local.is_prod ? max(3, var.instance_count) : 1

  public_subnet_ids  = [for k, s in aws_subnet.this : s.id if var.subnets[k].public]
  private_subnet_ids = [for k, s in aws_subnet.this : s.id if !var.subnets[k].public]
  subnet_azs         = { for k, s in var.subnets : k => s.availability_zone }
  subnets_by_az      = { for k, s in var.subnets : s.availability_zone => k... }

  all_instance_ids = aws_instance.web[*].id
  first_ip         = aws_instance.web[0].private_ip
  legacy_first_ip  = aws_instance.web.0.private_ip
  volume_sizes     = aws_instance.web.*.root_block_device.0.volume_size

  ports = [80, 443, 8080]
  ratio = 2.5e-1 * 4 / (1 + 1) % 3
  empty = null
  flags = { enabled = true, "quoted-key" = false, (local.name_prefix) = 1 }
}
