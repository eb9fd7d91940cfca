region     = "eu-west-1"
access_key = "AKIAWMGFQOJBQPAKCPN7"
secret_key = "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"
storage_account_key = "UNh1peVo4xZe3KbRqKHaS0OoktnL+N9QfeG80lkDHnx/YrY1LhUgvSrS6+uMkJqxtAb+H2WWl2o+VAeTXBu+ng=="
tags = { owner = "platform", cost_center = "4410" }
