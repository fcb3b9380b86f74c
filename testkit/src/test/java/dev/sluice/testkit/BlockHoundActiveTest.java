package dev.sluice.testkit;

import dev.sluice.testkit.BlockHoundCheck;

class BlockHoundActiveTest extends BlockHoundCheck {
}
