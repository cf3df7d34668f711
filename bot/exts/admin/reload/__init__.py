from bot.bot import TrilatBot


async def setup(bot: TrilatBot) -> None:
    """Load the Reload cog."""
    from ._cog import Reload

    await bot.add_cog(Reload(bot))
