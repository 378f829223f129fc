//! What every pallet's test runtime (`src/mock.rs`) shares: `frame_system` and
//! `pallet-balances` with `u64` accounts and `u128` balances, and `pallet-assets` with `u32` ids,
//! each on FRAME's test defaults (`derive_impl`), so a mock states only what is its own.
//!
//! The macros expand in the mock, which must have `frame_system`, `pallet_balances` (and for
//! [`impl_mock_assets`] `pallet_assets`) in scope, a `Test` runtime with `System`, `Balances`
//! (and `Assets`), and the types `AccountId = u64` and `Balance = u128`.

/// `frame_system` and `pallet_balances` for the mock runtime `$runtime` (block type `$block`),
/// with existential deposit `$ed`.
#[macro_export]
macro_rules! impl_mock_system_and_balances {
	($runtime:ident, $block:ty, $ed:expr) => {
		#[::polkadot_sdk::frame_support::derive_impl(
			frame_system::config_preludes::TestDefaultConfig
		)]
		impl frame_system::Config for $runtime {
			type Block = $block;
			type AccountId = AccountId;
			type Lookup = ::polkadot_sdk::sp_runtime::traits::IdentityLookup<AccountId>;
			type AccountData = pallet_balances::AccountData<Balance>;
		}

		#[::polkadot_sdk::frame_support::derive_impl(
			pallet_balances::config_preludes::TestDefaultConfig
		)]
		impl pallet_balances::Config for $runtime {
			type Balance = Balance;
			type ExistentialDeposit = ::polkadot_sdk::frame_support::traits::ConstU128<{ $ed }>;
			type AccountStore = System;
			type RuntimeHoldReason = RuntimeHoldReason;
		}
	};
}

/// `pallet_assets` for the mock runtime `$runtime`: `u32` ids, anyone creates, Root forces,
/// deposits of 1 (metadata: 3 + 1 per byte), no freezer or holder.
#[macro_export]
macro_rules! impl_mock_assets {
	($runtime:ident) => {
		#[::polkadot_sdk::frame_support::derive_impl(
			pallet_assets::config_preludes::TestDefaultConfig
		)]
		impl pallet_assets::Config for $runtime {
			type Balance = Balance;
			type AssetId = u32;
			type AssetIdParameter = u32;
			type Currency = Balances;
			type CreateOrigin = ::polkadot_sdk::frame_support::traits::AsEnsureOriginWithArg<
				::polkadot_sdk::frame_system::EnsureSigned<AccountId>,
			>;
			type ForceOrigin = ::polkadot_sdk::frame_system::EnsureRoot<AccountId>;
			type Freezer = ();
			type Holder = ();
			type AssetDeposit = ::polkadot_sdk::frame_support::traits::ConstU128<1>;
			type AssetAccountDeposit = ::polkadot_sdk::frame_support::traits::ConstU128<1>;
			type MetadataDepositBase = ::polkadot_sdk::frame_support::traits::ConstU128<3>;
			type MetadataDepositPerByte = ::polkadot_sdk::frame_support::traits::ConstU128<1>;
			type ApprovalDeposit = ::polkadot_sdk::frame_support::traits::ConstU128<1>;
		}
	};
}

/// The mock runtime `Test` with the pallets given as `index => Name: pallet_crate`, deriving
/// every runtime type FRAME can derive.
#[macro_export]
macro_rules! mock_runtime {
	($($index:literal => $name:ident: $pallet:ident),+ $(,)?) => {
		#[::polkadot_sdk::frame_support::runtime]
		mod runtime {
			#[runtime::runtime]
			#[runtime::derive(
				RuntimeCall,
				RuntimeEvent,
				RuntimeError,
				RuntimeOrigin,
				RuntimeFreezeReason,
				RuntimeHoldReason,
				RuntimeSlashReason,
				RuntimeLockId,
				RuntimeTask,
				RuntimeViewFunction
			)]
			pub struct Test;

			$(
				#[runtime::pallet_index($index)]
				pub type $name = $pallet;
			)+
		}
	};
}
