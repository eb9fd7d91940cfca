region     = "eu-west-1"
access_key = "AKIA7COGB5JPJCIORVHD"
secret_key = "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"
storage_account_key = "SHt+AOoth+11/KILeJkniDc7gAu0uSJ7gh8LrOwURuPjmgK07/tEV05haa7+5lFthr3LQYlk5a8qasd9MjFyHw=="
tags = { owner = "platform", cost_center = "4410" }
