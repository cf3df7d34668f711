from bot.frontends.discord_client.client import TrilatBot


async def setup(bot: TrilatBot) -> None:
    """Load the Catalog cog."""
    from ._cog import Catalog

    await bot.add_cog(Catalog(bot))
