from django.core.management.base import BaseCommand, CommandError

from bookings.models import ApiKey
from bookings.venues.services import api_key_revoke, api_key_rotate
from callers import ManagementCommand


class Command(BaseCommand):
    help = "Replace (or with --revoke-only, just revoke) the API key with the given prefix."

    def add_arguments(self, parser):
        parser.add_argument("prefix", help="The key's prefix as shown in the admin, e.g. vc_AbCdEf12")
        parser.add_argument("--revoke-only", action="store_true")

    def handle(self, *args, prefix, revoke_only, **options):
        api_key = ApiKey.objects.active().select_related("venue").filter(prefix=prefix).first()
        if api_key is None:
            raise CommandError(f"no active key with prefix {prefix}")
        if revoke_only:
            api_key_revoke(api_key=api_key, by=ManagementCommand("rotate_api_key"))
            self.stdout.write(f"Revoked {prefix}… of {api_key.venue}.")
            return
        new, key = api_key_rotate(api_key=api_key, by=ManagementCommand("rotate_api_key"))
        self.stdout.write(f"Revoked {prefix}…; new key {new.prefix}… for {api_key.venue}, shown once:")
        self.stdout.write(key)
