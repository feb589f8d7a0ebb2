-- An account's own answer to a lead's HELP or INFO (issue: "HELP/INFO answers the account's
-- help text"); null: status-service answers its service-wide sms.inbound.help-text. The
-- admin API keeps it to one SMS segment; published on sms.accounts as AccountState.helpText.
ALTER TABLE account ADD COLUMN help_text text;
