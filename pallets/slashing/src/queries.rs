//! Read-only queries: the view functions (metadata V16; the runtime APIs answer the same).

use polkadot_sdk::frame_support::pallet_macros::pallet_section;

/// The view functions: a section of the pallet module, imported into [`crate::pallet`] with
/// `#[import_section(views)]`.
#[pallet_section]
mod views {
	/// Read-only queries for wallets and apps (metadata V16 view functions; the runtime APIs answer the same).
	#[pallet::view_functions]
	impl<T: Config> Pallet<T> {
		/// The policy in force at this block (a due scheduled policy counts).
		pub fn policy_in_force(avs: AvsId) -> Option<PolicyOf<T>> {
			match PendingPolicies::<T>::get(avs) {
				Some((policy, at)) if at <= Self::now() => Some(policy),
				_ => Policies::<T>::get(avs),
			}
		}

		/// The record of an executed or vetoed slash (its history entry), if `id` is one.
		pub fn slash_record(id: SlashId) -> Option<RecordOf<T>> {
			SlashHistory::<T>::get(id)
		}

		/// Pending slashes, optionally only those of `avs` and/or of `operator`, each read through
		/// its bounded index (an AVS's list, an operator's prefix): a filter bounds the work by
		/// what it selects. Without either it reads every pending request (at most
		/// `MaxPendingPerAvs` per AVS).
		pub fn pending_slashes(
			avs: Option<AvsId>,
			operator: Option<T::AccountId>,
		) -> alloc::vec::Vec<(SlashId, RequestOf<T>)> {
			let operator = operator.as_ref();
			let with_request = |id: SlashId| PendingSlashes::<T>::get(id).map(|r| (id, r));
			match (avs, operator) {
				(Some(avs), operator) => AvsRequests::<T>::get(avs)
					.into_iter()
					.filter_map(with_request)
					.filter(|(_, r)| operator.is_none_or(|o| &r.operator == o))
					.collect(),
				(None, Some(operator)) => OperatorRequests::<T>::iter_prefix(operator)
					.filter_map(|(id, _)| with_request(id))
					.collect(),
				(None, None) => PendingSlashes::<T>::iter().collect(),
			}
		}
	}
}
