region     = "eu-west-1"
access_key = "AKIA7COGB5JPJCIORVHD"
secret_key = "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"
storage_account_key = "lzqTC2MfAEUUVUVU8Ae2zOy89tua2gxBusBU/mSLeV09a/7/azYqkmwbYUAeEs+1apuc/0gKqmdnG6VD+vDReA=="
tags = { owner = "platform", cost_center = "4410" }
