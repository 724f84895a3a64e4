data "aws_ami" "ubuntu" {
  most_recent = true
  owners      = ["099720109477"]

  filter {
    name   = "name"
    values = ["ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*"]
  }
}

resource "aws_instance" "web" {
  count = local.replicas

  ami                    = data.aws_ami.ubuntu.id
  instance_type          = local.instance_type
  subnet_id              = element(local.private_subnet_ids, count.index)
  vpc_security_group_ids = [aws_security_group.web.id]

  user_data = <<-EOT
    #!/bin/bash
    set -euo pipefail
    echo "Hello from instance ${count.index + 1} of ${local.replicas}" > /etc/motd
    %{ for port in local.ports ~}
    ufw allow ${port}/tcp
    %{ endfor ~}
    %{ if local.is_prod }
    systemctl enable monitoring-agent
    %{ else }
    echo "not production"
    %{ endif }
  EOT

  root_block_device {
    volume_size = local.is_prod ? 100 : 20
    encrypted   = true
  }

  tags = merge(local.common_tags, {
    Name = format("%s-web-%02d", local.name_prefix, count.index + 1)
  })

  depends_on = [aws_vpc.main]
}
