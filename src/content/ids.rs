//! Pages and versions are named by typed ids rather than bare indexes, so
//! that a page's id cannot be passed where a version's is meant; and
//! [`IdVec`] is a vector that only one kind of id indexes.

use rayon::prelude::*;
use std::marker::PhantomData;
use std::ops::{Index, IndexMut};

/// A page, by its place in [`Site::pages`](super::Site::pages).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct PageId(usize);

impl PageId {
    /// The home page, which is always the first page.
    pub(crate) const HOME: PageId = PageId(0);
}

/// A version of a page, by its place in
/// [`Site::versions`](super::Site::versions).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct VersionId(usize);

#[cfg(test)]
impl VersionId {
    /// The version at place `index`, for tests that make up a link table.
    pub(crate) fn at(index: usize) -> VersionId {
        VersionId(index)
    }
}

/// An id that indexes an [`IdVec`]: a place in it.
pub(crate) trait Id: Copy {
    /// The id of place `index`.
    fn from_index(index: usize) -> Self;
    /// Its place.
    fn index(self) -> usize;
}

impl Id for PageId {
    fn from_index(index: usize) -> Self {
        PageId(index)
    }

    fn index(self) -> usize {
        self.0
    }
}

impl Id for VersionId {
    fn from_index(index: usize) -> Self {
        VersionId(index)
    }

    fn index(self) -> usize {
        self.0
    }
}

/// A vector indexed by one kind of id: every page, every version, or
/// something kept for each version beside them.
#[derive(Debug)]
pub(crate) struct IdVec<I, T> {
    items: Vec<T>,
    id: PhantomData<fn(I) -> I>,
}

impl<I: Id, T> IdVec<I, T> {
    /// An empty vector.
    pub(crate) fn new() -> Self {
        IdVec {
            items: Vec::new(),
            id: PhantomData,
        }
    }

    /// Adds an item at the end, returning its id.
    pub(crate) fn push(&mut self, item: T) -> I {
        self.items.push(item);
        I::from_index(self.items.len() - 1)
    }

    /// Every item, in order.
    pub(crate) fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }

    /// Every item, in order, to change.
    pub(crate) fn iter_mut(&mut self) -> std::slice::IterMut<'_, T> {
        self.items.iter_mut()
    }

    /// Every item with its id, in order.
    pub(crate) fn iter_ids(&self) -> impl Iterator<Item = (I, &T)> {
        self.items
            .iter()
            .enumerate()
            .map(|(index, item)| (I::from_index(index), item))
    }

    /// Every id, in order, in parallel.
    pub(crate) fn par_ids(&self) -> impl IndexedParallelIterator<Item = I>
    where
        I: Send,
    {
        (0..self.items.len()).into_par_iter().map(I::from_index)
    }

    /// The item `id`, if there is one.
    pub(crate) fn get(&self, id: I) -> Option<&T> {
        self.items.get(id.index())
    }
}

impl<I: Id, T> Index<I> for IdVec<I, T> {
    type Output = T;

    fn index(&self, id: I) -> &T {
        &self.items[id.index()]
    }
}

impl<I: Id, T> IndexMut<I> for IdVec<I, T> {
    fn index_mut(&mut self, id: I) -> &mut T {
        &mut self.items[id.index()]
    }
}

/// Items collected in order: the first has the first id.
impl<I: Id, T> FromIterator<T> for IdVec<I, T> {
    fn from_iter<It: IntoIterator<Item = T>>(items: It) -> Self {
        IdVec {
            items: items.into_iter().collect(),
            id: PhantomData,
        }
    }
}
